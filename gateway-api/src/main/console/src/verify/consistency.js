// The bundle's own fields agree with each other and with a supplied document, as
// dev.fapiao.node.proof.BundleConsistency: invoice-id, document-size, content-type.
const pass = (name, reason) => ({ name, passed: true, reason });
const fail = (name, reason) => ({ name, passed: false, reason });

/** invoiceId = invoice.issuer (18 characters) followed by invoice.number (20 digits). */
export function invoiceId(id, invoice) {
  const name = 'invoice-id';
  if (invoice.issuer.length !== 18) return fail(name, `invoice.issuer '${invoice.issuer}' is not 18 characters`);
  if (!/^[0-9]{20}$/.test(invoice.number)) return fail(name, `invoice.number '${invoice.number}' is not 20 digits`);
  const expected = invoice.issuer + invoice.number;
  return expected === id ? pass(name, `issuer ${invoice.issuer} + number ${invoice.number}`)
    : fail(name, `invoiceId ${id} is not issuer + number (${expected})`);
}

export function documentSize(invoice, document) {
  const name = 'document-size';
  return invoice.documentSize === document.length ? pass(name, `${document.length} bytes`)
    : fail(name, `the document has ${document.length} bytes, invoice.documentSize says ${invoice.documentSize}`);
}

const startsWith = (d, prefix) => d.length >= prefix.length && prefix.every((b, i) => d[i] === b);

function looksLikeXml(d) {
  let i = startsWith(d, [0xef, 0xbb, 0xbf]) ? 3 : 0;
  while (i < d.length && (d[i] === 0x20 || d[i] === 0x09 || d[i] === 0x0d || d[i] === 0x0a)) i++;
  return i < d.length && d[i] === 0x3c;
}

/** The declared media type fits the document's magic bytes (PDF, OFD = ZIP, XML); octet-stream claims none. */
export function contentType(invoice, document) {
  const name = 'content-type';
  // Java's toLowerCase(Locale.ROOT) and strip(): ASCII media types lower-cased alike
  const declared = invoice.contentType.toLowerCase().split(';')[0].trim();
  const found = startsWith(document, [0x25, 0x50, 0x44, 0x46, 0x2d]) ? 'pdf'
    : startsWith(document, [0x50, 0x4b, 3, 4]) ? 'ofd' : looksLikeXml(document) ? 'xml' : null;
  let family;
  if (declared === 'application/octet-stream') family = found;
  else if (declared === 'application/pdf') family = 'pdf';
  else if (declared === 'application/ofd' || declared === 'application/zip') family = 'ofd';
  else family = declared.endsWith('/xml') || declared.endsWith('+xml') ? 'xml' : '?';
  if (family === null) return pass(name, 'application/octet-stream claims no format');
  return family === found ? pass(name, `${invoice.contentType} fits the document (${found})`)
    : fail(name, `invoice.contentType ${invoice.contentType} does not fit the document (${found ?? 'neither PDF, OFD nor XML'})`);
}
