import { useLocale } from '../i18n/index.tsx';

/** A country code with its name in the user's language on hover. */
export function CountryText({ code }: { code: string | null | undefined }) {
  const { locale } = useLocale();
  if (!code) return null;
  let name: string | undefined;
  try {
    name = new Intl.DisplayNames([locale], { type: 'region' }).of(code);
  } catch {
    name = undefined;
  }
  return (
    <abbr className="country" title={name}>
      {code}
    </abbr>
  );
}

export function countryName(locale: string, code: string): string {
  try {
    return new Intl.DisplayNames([locale], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}
