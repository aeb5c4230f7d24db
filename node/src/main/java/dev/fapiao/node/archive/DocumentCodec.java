package dev.fapiao.node.archive;

import dev.fapiao.node.crypto.Sm4Gcm;
import dev.fapiao.node.model.ArchiveException;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.bouncycastle.util.encoders.Hex;

/**
 * Document values (docs/archive.md), keyed by the raw SM3 of the bytes. v1:
 * {@code 0x01 | length u64 BE | bytes}; v2 (SM4-GCM at rest): {@code 0x02 | nonce (12) |
 * ciphertext | tag (16)}, AAD = the key. Either is checked against the key on read.
 * Reference counts ({@code doc_refs}) are framed counters.
 */
final class DocumentCodec {

    static final byte DOCUMENT_V1 = 1;
    static final byte DOCUMENT_V2_SM4GCM = 2;
    static final int DOCUMENT_HEADER = 9;

    private DocumentCodec() {}

    static byte[] docKey(String docHashHex) {
        return Hex.decode(docHashHex);
    }

    static byte[] documentValue(byte[] key, byte[] document, Sm4Gcm cipher) {
        if (cipher != null) {
            byte[] sealed = cipher.encrypt(document, key);
            byte[] out = new byte[1 + sealed.length];
            out[0] = DOCUMENT_V2_SM4GCM;
            System.arraycopy(sealed, 0, out, 1, sealed.length);
            return out;
        }
        byte[] out = new byte[DOCUMENT_HEADER + document.length];
        out[0] = DOCUMENT_V1;
        ByteBuffer.wrap(out, 1, 8).putLong(document.length);
        System.arraycopy(document, 0, out, DOCUMENT_HEADER, document.length);
        return out;
    }

    static byte[] documentBytes(byte[] key, byte[] value, Sm4Gcm cipher) {
        if (value.length < 1) {
            throw Codec.corrupt(Cf.DOCUMENTS, key, "empty value");
        }
        byte[] doc;
        if (value[0] == DOCUMENT_V2_SM4GCM) {
            if (cipher == null) {
                throw new ArchiveException("document " + Codec.printableKey(key)
                        + " is encrypted at rest (SM4-GCM) and this archive was opened without its key");
            }
            try {
                doc = cipher.decrypt(Arrays.copyOfRange(value, 1, value.length), key);
            } catch (javax.crypto.AEADBadTagException e) {
                throw Codec.corrupt(Cf.DOCUMENTS, key, "SM4-GCM authentication failed (wrong key or altered bytes)");
            }
        } else if (value[0] == DOCUMENT_V1) {
            if (value.length < DOCUMENT_HEADER) {
                throw Codec.corrupt(Cf.DOCUMENTS, key, "value too short (" + value.length + " bytes)");
            }
            long len = ByteBuffer.wrap(value, 1, 8).getLong();
            if (len != value.length - DOCUMENT_HEADER) {
                throw Codec.corrupt(Cf.DOCUMENTS, key, "length " + len + " does not match stored "
                        + (value.length - DOCUMENT_HEADER));
            }
            doc = Arrays.copyOfRange(value, DOCUMENT_HEADER, value.length);
        } else {
            throw Codec.corrupt(Cf.DOCUMENTS, key, "unknown format version " + (value[0] & 0xff));
        }
        if (!Arrays.equals(Codec.sm3(doc), key)) {
            throw Codec.corrupt(Cf.DOCUMENTS, key, "document bytes do not hash to the key (SM3)");
        }
        return doc;
    }
}
