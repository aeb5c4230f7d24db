package dev.fapiao.node.archive;

import dev.fapiao.node.model.ArchiveException;
import dev.fapiao.node.model.ArchivedInvoice;
import dev.fapiao.node.model.CorruptedRecordException;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fapiao.node.crypto.Sm4Gcm;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Documents encrypted at rest with SM4-GCM (the docHash is the AAD). */
class ArchiveEncryptionTest {

    @TempDir
    Path dir;

    private final byte[] key = Sm4Gcm.generateKey();

    private Archive open(Sm4Gcm cipher) {
        return Archive.open(ArchiveOptions.builder(dir.resolve("db")).documentCipher(cipher).build());
    }

    @Test
    void encryptedDocumentsReadBackExactlyAndAreNotStoredInClear() {
        ArchivedInvoice inv = Fixtures.invoice(Fixtures.ISSUER_A, 1);
        byte[] doc = Fixtures.document(inv.invoiceId());
        try (Archive a = open(new Sm4Gcm(key))) {
            a.invoices().put(inv, doc).join();
            assertArrayEquals(doc, a.documents().document(inv.docHash()).orElseThrow());
            byte[] raw = ArchiveTestHooks.rawValue(a, Cf.DOCUMENTS, DocumentCodec.docKey(inv.docHash()));
            assertEquals(DocumentCodec.DOCUMENT_V2_SM4GCM, raw[0]);
            assertFalse(ArchiveTestHooks.contains(raw, inv.invoiceId().getBytes(StandardCharsets.UTF_8)), "plaintext leaked");
        }
        // after a restart with the same key
        try (Archive a = open(new Sm4Gcm(key))) {
            assertArrayEquals(doc, a.documents().document(inv.docHash()).orElseThrow());
        }
    }

    @Test
    void withoutTheKeyOrWithAnotherKeyNothingIsServed() {
        ArchivedInvoice inv = Fixtures.invoice(Fixtures.ISSUER_A, 2);
        try (Archive a = open(new Sm4Gcm(key))) {
            a.invoices().put(inv, Fixtures.document(inv.invoiceId())).join();
        }
        try (Archive a = open(null)) {
            ArchiveException e = assertThrows(ArchiveException.class, () -> a.documents().document(inv.docHash()));
            assertTrue(e.getMessage().contains("without its key"), e.getMessage());
        }
        try (Archive a = open(new Sm4Gcm(Sm4Gcm.generateKey()))) {
            CorruptedRecordException e = assertThrows(CorruptedRecordException.class, () -> a.documents().document(inv.docHash()));
            assertTrue(e.getMessage().contains("SM4-GCM"), e.getMessage());
        }
    }

    @Test
    void aCiphertextMovedToAnotherDocumentsAddressFailsAuthentication() {
        ArchivedInvoice one = Fixtures.invoice(Fixtures.ISSUER_A, 3);
        ArchivedInvoice two = Fixtures.invoice(Fixtures.ISSUER_A, 4);
        try (Archive a = open(new Sm4Gcm(key))) {
            a.invoices().put(one, Fixtures.document(one.invoiceId())).join();
            a.invoices().put(two, Fixtures.document(two.invoiceId())).join();
            ArchiveTestHooks.rawPut(a, Cf.DOCUMENTS, DocumentCodec.docKey(two.docHash()), ArchiveTestHooks.rawValue(a, Cf.DOCUMENTS, DocumentCodec.docKey(one.docHash())));
            assertThrows(CorruptedRecordException.class, () -> a.documents().document(two.docHash()));
            ArchiveTestHooks.corruptDocument(a, one.docHash());
            assertThrows(CorruptedRecordException.class, () -> a.documents().document(one.docHash()));
        }
    }

    @Test
    void clearDocumentsStayReadableWhenEncryptionIsTurnedOn() {
        ArchivedInvoice inv = Fixtures.invoice(Fixtures.ISSUER_A, 5);
        byte[] doc = Fixtures.document(inv.invoiceId());
        try (Archive a = open(null)) {
            a.invoices().put(inv, doc).join();
        }
        try (Archive a = open(new Sm4Gcm(key))) {
            assertArrayEquals(doc, a.documents().document(inv.docHash()).orElseThrow());
        }
    }
}
