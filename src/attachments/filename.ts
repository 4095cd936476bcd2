const MAX_BASE = 180;

/**
 * The name shown and offered on download: the client's name reduced to a safe display string (no
 * path, no control or bidi-override characters, no quotes or shell/Windows-reserved characters), and
 * ending in an extension that matches the sniffed type, so "invoice.pdf.exe" with PDF bytes becomes
 * "invoice.pdf.exe.pdf". It is never used as a storage path.
 */
export function displayFilename(raw: string | undefined, extensions: string[]): string {
  let name = (raw ?? '').normalize('NFC').split(/[\\/]/).pop() ?? '';
  name = name.replace(
    // eslint-disable-next-line no-control-regex -- matching control characters is the point here
    /[\u0000-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2066-\u2069"<>:*?|;%]/g,
    '_',
  );
  name = name.trim().replace(/^\.+/, '').trim();
  const dot = name.lastIndexOf('.');
  const ext = dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
  let base = dot > 0 && extensions.includes(ext) ? name.slice(0, dot) : name;
  const keptExt = extensions.includes(ext) ? ext : extensions[0]!;
  base = [...base].slice(0, MAX_BASE).join('').trim() || 'file';
  return `${base}.${keptExt}`;
}

/** `Content-Disposition` for a download: an ASCII fallback plus the exact UTF-8 name (RFC 6266/8187). */
export function contentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7E]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(filename).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
