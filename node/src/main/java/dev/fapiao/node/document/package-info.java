/**
 * Reading the invoice document itself: one {@link dev.fapiao.node.document.DocumentReader} per format
 * (OFD with its electronic seals, 数电票 XML, UBL 2.1, UN/CEFACT CII, PDF with embedded XML), chosen by
 * {@link dev.fapiao.node.document.readers.DocumentReaders} from the content type and the bytes. A read gives an
 * immutable {@link dev.fapiao.node.document.DocumentCheck}: the format, the fields read, a hash of each
 * part, each signature's verdict and the library that checked it. A pure library: no I/O besides
 * loading the trusted seal CAs, no clock (signing times come from the document), no archive access.
 */
package dev.fapiao.node.document;

