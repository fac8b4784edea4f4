/**
 * A deliberately small RFC 822 / MIME reader for the SMTP sink: unfolded headers, RFC 2047
 * encoded words, multipart bodies, quoted-printable and base64 transfer encodings. Enough to
 * assert on what nodemailer sends; not a general-purpose parser.
 */
export interface ParsedMimeMessage {
  /** Header values by lower-case name (the first occurrence), unfolded and with encoded words decoded. */
  headers: Record<string, string>;
  subject: string;
  /** The first `text/plain` part, decoded, line breaks normalised to `\n`. */
  text: string;
  /** The first `text/html` part, decoded, when there is one. */
  html?: string;
}

interface MimePart {
  headers: Record<string, string>;
  body: string;
}

function splitHeadersAndBody(raw: string): { headerText: string; body: string } {
  const match = /\r?\n\r?\n/.exec(raw);
  if (!match) return { headerText: raw, body: '' };
  return { headerText: raw.slice(0, match.index), body: raw.slice(match.index + match[0].length) };
}

function parseHeaderBlock(headerText: string): Record<string, string> {
  const headers: Record<string, string> = {};
  const unfolded = headerText.replace(/\r?\n[ \t]+/g, ' ');
  for (const line of unfolded.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    if (!(name in headers)) headers[name] = line.slice(colon + 1).trim();
  }
  return headers;
}

function decodeBytes(bytes: Buffer, charset: string | undefined): string {
  try {
    return new TextDecoder(charset || 'utf-8').decode(bytes);
  } catch {
    return bytes.toString('utf8');
  }
}

function decodeQuotedPrintableBytes(text: string, underscoreIsSpace: boolean): Buffer {
  const source = text.replace(/=\r?\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < source.length; i++) {
    const char = source[i];
    if (char === '=' && /^[0-9A-Fa-f]{2}$/.test(source.slice(i + 1, i + 3))) {
      bytes.push(parseInt(source.slice(i + 1, i + 3), 16));
      i += 2;
    } else if (char === '_' && underscoreIsSpace) {
      bytes.push(0x20);
    } else {
      bytes.push(...Buffer.from(char, 'utf8'));
    }
  }
  return Buffer.from(bytes);
}

/** Decodes RFC 2047 encoded words (`=?utf-8?Q?...?=`, `=?utf-8?B?...?=`). */
export function decodeEncodedWords(value: string): string {
  return value
    .replace(/(=\?[^?]+\?[BbQq]\?[^?]*\?=)\s+(?==\?[^?]+\?[BbQq]\?[^?]*\?=)/g, '$1')
    .replace(
      /=\?([^?*]+)(?:\*[^?]*)?\?([BbQq])\?([^?]*)\?=/g,
      (_all, charset: string, encoding: string, text: string) => {
        const bytes =
          encoding.toUpperCase() === 'B' ? Buffer.from(text, 'base64') : decodeQuotedPrintableBytes(text, true);
        return decodeBytes(bytes, charset);
      },
    );
}

function parseContentType(value: string | undefined): { type: string; params: Record<string, string> } {
  const [type, ...rest] = (value ?? 'text/plain').split(';');
  const params: Record<string, string> = {};
  for (const param of rest) {
    const eq = param.indexOf('=');
    if (eq < 0) continue;
    params[param.slice(0, eq).trim().toLowerCase()] = param
      .slice(eq + 1)
      .trim()
      .replace(/^"(.*)"$/, '$1');
  }
  return { type: type.trim().toLowerCase(), params };
}

function decodeBody(part: MimePart): string {
  const encoding = (part.headers['content-transfer-encoding'] ?? '7bit').toLowerCase();
  const { params } = parseContentType(part.headers['content-type']);
  let decoded: string;
  if (encoding === 'base64')
    decoded = decodeBytes(Buffer.from(part.body.replace(/\s+/g, ''), 'base64'), params.charset);
  else if (encoding === 'quoted-printable')
    decoded = decodeBytes(decodeQuotedPrintableBytes(part.body, false), params.charset);
  else decoded = part.body;
  return decoded.replace(/\r\n/g, '\n').replace(/\n$/, '');
}

function leafParts(part: MimePart): MimePart[] {
  const { type, params } = parseContentType(part.headers['content-type']);
  if (!type.startsWith('multipart/') || !params.boundary) return [part];
  const delimiter = `--${params.boundary}`;
  const sections = part.body.split(new RegExp(`\\r?\\n?${delimiter.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
  // sections[0] is the preamble; a section starting with '--' is the epilogue after the close delimiter.
  return sections
    .slice(1)
    .filter((section) => !section.startsWith('--'))
    .flatMap((section) => {
      const { headerText, body } = splitHeadersAndBody(section.replace(/^[ \t]*\r?\n/, ''));
      return leafParts({ headers: parseHeaderBlock(headerText), body });
    });
}

export function parseMimeMessage(raw: string): ParsedMimeMessage {
  const { headerText, body } = splitHeadersAndBody(raw);
  const rawHeaders = parseHeaderBlock(headerText);
  const headers = Object.fromEntries(
    Object.entries(rawHeaders).map(([name, value]) => [name, decodeEncodedWords(value)]),
  );
  const leaves = leafParts({ headers: rawHeaders, body });
  const isAttachment = (part: MimePart) => /^attachment/i.test(part.headers['content-disposition'] ?? '');
  const textPart = leaves.find(
    (p) => parseContentType(p.headers['content-type']).type === 'text/plain' && !isAttachment(p),
  );
  const htmlPart = leaves.find(
    (p) => parseContentType(p.headers['content-type']).type === 'text/html' && !isAttachment(p),
  );
  return {
    headers,
    subject: headers.subject ?? '',
    text: textPart ? decodeBody(textPart) : '',
    ...(htmlPart ? { html: decodeBody(htmlPart) } : {}),
  };
}
