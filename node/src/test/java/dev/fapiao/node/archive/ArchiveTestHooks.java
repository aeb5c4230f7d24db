package dev.fapiao.node.archive;

/** Exposes RocksArchive's package-private test hooks to tests in other packages (e.g. the CLI's). */
public final class ArchiveTestHooks {
    private ArchiveTestHooks() {
    }

    /** Flips the last byte of the stored document: its SM3 no longer matches the key (docHash). */
    public static void corruptDocument(Archive archive, String docHash) {
        flipLastByte((RocksArchive) archive, Cf.DOCUMENTS, Codec.docKey(docHash));
    }

    /** Flips the last byte of the invoice record: its CRC32C no longer matches. */
    public static void corruptInvoiceRecord(Archive archive, String invoiceId) {
        flipLastByte((RocksArchive) archive, Cf.INVOICES, Codec.utf8(invoiceId));
    }

    private static void flipLastByte(RocksArchive archive, String cf, byte[] key) {
        byte[] v = archive.rawValue(cf, key);
        if (v == null) {
            throw new IllegalArgumentException("no value in " + cf);
        }
        v = v.clone();
        v[v.length - 1] ^= 0x01;
        archive.rawPut(cf, key, v);
    }
}
