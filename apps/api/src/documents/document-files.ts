import { fromBuffer } from 'file-type';

/** The accepted formats, by the extension `file-type` reports for their content. */
const ACCEPTED = {
  pdf: { mime: 'application/pdf', label: 'PDF', extensions: ['pdf'] },
  png: { mime: 'image/png', label: 'PNG', extensions: ['png'] },
  jpg: { mime: 'image/jpeg', label: 'JPEG', extensions: ['jpg', 'jpeg', 'jpe', 'jfif'] },
  xlsx: { mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', label: 'XLSX', extensions: ['xlsx'] },
  docx: { mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', label: 'DOCX', extensions: ['docx'] },
  odt: { mime: 'application/vnd.oasis.opendocument.text', label: 'ODT', extensions: ['odt'] },
} as const;

export interface DetectedType {
  /** Canonical extension, e.g. `jpg`. */
  ext: keyof typeof ACCEPTED;
  mime: string;
  label: string;
  extensions: readonly string[];
}

/** The document's type read from its bytes (magic numbers), or null when it is not an accepted one. */
export async function detectAcceptedType(bytes: Buffer): Promise<DetectedType | null> {
  if (bytes.length === 0) return null;
  const found = await fromBuffer(bytes);
  if (!found || !(found.ext in ACCEPTED)) return null;
  const ext = found.ext as keyof typeof ACCEPTED;
  return { ext, ...ACCEPTED[ext] };
}

export type NamedFile = { ok: true; fileName: string } | { ok: false; extension: string };

const MAX_NAME_LENGTH = 150;
// Characters that Windows, macOS or a shell treat specially in a file name.
const RESERVED = /[<>:"/\\|?*]/g;
// Control characters, format characters (bidirectional overrides that disguise an extension, zero-width
// spaces…), line and paragraph separators, and lone surrogates.
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/gu;
const WINDOWS_DEVICE = /^(con|prn|aux|nul|com\d|lpt\d)$/i;
// What looks like an extension: a few letters or digits with at least one letter ("v1.2" has none).
const EXTENSION = /^(?=.*[a-z])[a-z0-9]{1,5}$/i;

/**
 * A name safe to store and to send back in Content-Disposition: no path, no control or reserved
 * characters, accents kept, capped in length. The extension, when there is one, must agree with the
 * content; without one, the detected type's extension is added.
 */
export function safeFileName(original: string, type: DetectedType): NamedFile {
  let name = original.normalize('NFC').replace(INVISIBLE, '');
  name = name.slice(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
  name = name.replace(RESERVED, '_').replace(/\s+/g, ' ').trim();

  let base = name;
  let extension: string = type.ext;
  const dot = name.lastIndexOf('.');
  const candidate = dot >= 0 ? name.slice(dot + 1) : '';
  if (EXTENSION.test(candidate)) {
    if (!type.extensions.includes(candidate.toLowerCase())) return { ok: false, extension: candidate };
    base = name.slice(0, dot);
    extension = candidate.toLowerCase();
  }
  // No hidden files, no names that end in a dot or a space (Windows drops them).
  base = base.replace(/^[.\s]+|[.\s]+$/g, '');
  if (WINDOWS_DEVICE.test(base)) base = `_${base}`;
  const room = MAX_NAME_LENGTH - extension.length - 1;
  const characters = Array.from(base);
  if (characters.length > room) base = characters.slice(0, room).join('').trimEnd();
  return { ok: true, fileName: `${base || 'document'}.${extension}` };
}

/** `attachment` with an ASCII fallback and the exact UTF-8 name (RFC 6266 / RFC 5987). */
export function attachmentDisposition(fileName: string): string {
  const ascii = fileName
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\x20-\x7e]|["\\%]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(/['()*!]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
