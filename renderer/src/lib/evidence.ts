import { ApiError, authorization } from './client.ts';
import type { Envelope } from '../../../db/api.ts';

/** A file now in the evidence store, ready for `evidence.attach`. */
export interface StoredFile {
  sha256: string;
  size: number;
}

export interface Transfer {
  done: Promise<StoredFile>;
  cancel(): void;
}

function unwrap<T>(env: Envelope<T>): T {
  if (!env.ok) throw ApiError.from(env.error);
  return env.result;
}

/**
 * Copies a file into the evidence store with progress, cancellable: in the desktop app the main
 * process streams it from disk; in the browser shell the browser streams it to the server.
 * Neither side holds the whole file in memory.
 */
export function storeEvidenceFile(file: File, onProgress: (bytes: number, total: number) => void): Transfer {
  const bridge = window.dossier;
  if (bridge) {
    const ingestId = crypto.randomUUID();
    return {
      done: bridge.ingestEvidence(ingestId, file, onProgress).then((env) => {
        const r = unwrap(env);
        return { sha256: r.sha256, size: r.size };
      }),
      cancel: () => void bridge.cancelIngest(ingestId),
    };
  }
  const xhr = new XMLHttpRequest();
  const done = new Promise<StoredFile>((resolve, reject) => {
    xhr.open('POST', './api/evidence/upload');
    xhr.setRequestHeader('Authorization', authorization());
    xhr.setRequestHeader('Content-Type', 'application/octet-stream');
    xhr.upload.onprogress = (e) => onProgress(e.loaded, e.lengthComputable ? e.total : file.size);
    xhr.onload = () => {
      try {
        resolve(unwrap(JSON.parse(xhr.responseText) as Envelope<StoredFile>));
      } catch (err) {
        reject(err instanceof Error ? err : new Error(String(err)));
      }
    };
    xhr.onerror = () => reject(new ApiError('internal', 'The upload failed: the connection to Dossier was lost'));
    xhr.onabort = () => reject(new ApiError('cancelled', 'Cancelled'));
    xhr.send(file);
  });
  return { done, cancel: () => xhr.abort() };
}

/**
 * An evidence file's bytes, checked against its SHA-256 by whoever serves them (the main process
 * or the browser shell): an altered or missing file is refused with its reason, never shown.
 * A Blob, not an object URL: pdf.js reads the bytes themselves (the CSP lets nothing fetch blob:).
 */
export async function evidenceBlob(id: string, mediaType: string): Promise<Blob> {
  const bridge = window.dossier;
  if (bridge) {
    const r = unwrap(await bridge.readEvidence(id));
    return new Blob([r.bytes as BlobPart], { type: mediaType });
  }
  const response = await fetch(`./api/evidence/${encodeURIComponent(id)}/content`, {
    headers: { Authorization: authorization() },
  });
  if (!response.ok) {
    const env = (await response.json().catch(() => null)) as Envelope<unknown> | null;
    throw env && !env.ok ? ApiError.from(env.error) : new ApiError('internal', response.statusText);
  }
  return new Blob([await response.arrayBuffer()], { type: mediaType });
}

/** Files that preview in the app. */
export function previewKind(mediaType: string): 'image' | 'pdf' | null {
  if (/^image\/(png|jpeg|gif|webp|bmp|svg\+xml)$/.test(mediaType)) return 'image';
  if (mediaType === 'application/pdf') return 'pdf';
  return null;
}

/** A media type from a file's extension, for files the browser cannot type. */
export function mediaTypeOf(file: File): string {
  if (file.type) return file.type;
  const ext = file.name.split('.').pop()?.toLowerCase() ?? '';
  const known: Record<string, string> = {
    pdf: 'application/pdf',
    png: 'image/png',
    jpg: 'image/jpeg',
    jpeg: 'image/jpeg',
    gif: 'image/gif',
    txt: 'text/plain',
    csv: 'text/csv',
    eml: 'message/rfc822',
    msg: 'application/vnd.ms-outlook',
    zip: 'application/zip',
    xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  };
  return known[ext] ?? 'application/octet-stream';
}
