/** data/README.txt of a package: how a recipient checks it, with any BagIt tool or with sha256sum alone (English and French). */
export function readmeText(o: { fileNumber: string; packageId: string; profile: 'prosecution' | 'partner' }): string {
  return `Evidence package of case ${o.fileNumber}
Package ${o.packageId}, profile ${o.profile}, made by Dossier.

WHAT IS IN IT
  This folder is a BagIt 1.0 bag (RFC 8493). Everything the case holds is under data/:
    data/report/case-report.pdf   the case report, for a person to read
    data/case.json                every record of the case, with global ids (machine-readable)
    data/records/*.csv            the same records, one table per kind (opens in a spreadsheet)
    data/evidence/                every evidence file under its original name; index.csv says
                                  which record each belongs to and its SHA-256
    data/audit/audit-extract.json the case's audit trail: who changed what and when, each record
                                  with its SHA-256 chain hash (hash of the record and the previous hash)
${o.profile === 'partner' ? '  This is a partner package: narrative notes and unconfirmed links were left out; bag-info.txt\n  (Dossier-Withheld) and the report list each of them.\n' : ''}
HOW TO CHECK IT (nothing here needs Dossier)
  1. With any BagIt tool, e.g. the Library of Congress's bagit-python:
       bagit.py --validate <this folder>
  2. Or with the tools of any Linux or macOS machine, from this folder (the one holding bagit.txt):
       sha256sum -c manifest-sha256.txt        (macOS: shasum -a 256 -c manifest-sha256.txt)
       sha512sum -c manifest-sha512.txt
       sha256sum -c tagmanifest-sha256.txt     (bag-info.txt and the manifests themselves)
     Every line must say OK. A file that is not listed in manifest-sha256.txt was added afterwards.
  3. Or with Dossier: dossier verify <package>.zip
  Payload-Oxum in bag-info.txt is the number of bytes and of files under data/.

----------------------------------------------------------------------------------------------

Paquet de preuves du dossier ${o.fileNumber}
Paquet ${o.packageId}, profil ${o.profile}, produit par Dossier.

CE QU'IL CONTIENT
  Ce dossier est un sac BagIt 1.0 (RFC 8493). Tout ce que contient le dossier est sous data/ :
  le rapport (data/report/case-report.pdf), chaque enregistrement (data/case.json et un fichier CSV
  par nature sous data/records/), chaque pièce sous son nom d'origine (data/evidence/, avec
  index.csv), et l'extrait du journal d'audit avec ses empreintes chaînées (data/audit/).

COMMENT LE VÉRIFIER (sans Dossier)
  Avec tout outil BagIt (bagit.py --validate <ce dossier>), ou depuis ce dossier :
       sha256sum -c manifest-sha256.txt
       sha256sum -c tagmanifest-sha256.txt
  Chaque ligne doit indiquer OK. Un fichier absent de manifest-sha256.txt a été ajouté après coup.
  Ou avec Dossier : dossier verify <paquet>.zip
`;
}
