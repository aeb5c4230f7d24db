package dev.fapiao.node.document.ofd;

import dev.fapiao.node.document.DocumentException;
import dev.fapiao.node.document.DocumentException.Reason;
import dev.fapiao.node.document.DocumentLimits;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Opens a ZIP container in memory without trusting its headers: sizes are counted while inflating and
 * the read stops at the first limit crossed (entry count, per-entry and total inflated size, inflated
 * bytes per container byte), so a ZIP bomb costs at most the limits. Entry names that could escape a
 * folder are refused, as are duplicates (two parts of one name would make "the" part ambiguous).
 */
final class SafeZip {
    private SafeZip() {
    }

    /** Entry name (no leading slash) to its bytes, in container order; folders skipped. */
    static Map<String, byte[]> read(byte[] zip, DocumentLimits limits) {
        Map<String, byte[]> out = new LinkedHashMap<>();
        long total = 0;
        long ratioCap = Math.max(zip.length, 1L) * limits.maxRatio();
        byte[] buf = new byte[16 * 1024];
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                if (out.size() + 1 > limits.maxEntries()) {
                    throw new DocumentException(Reason.LIMIT_EXCEEDED,
                            "container has more than " + limits.maxEntries() + " entries");
                }
                String name = checkName(e.getName());
                if (e.isDirectory()) {
                    continue;
                }
                if (out.containsKey(name)) {
                    throw new DocumentException(Reason.MALFORMED, "container has two entries named " + name);
                }
                ByteArrayOutputStream part = new ByteArrayOutputStream();
                long size = 0;
                for (int n; (n = in.read(buf)) != -1; ) {
                    size += n;
                    total += n;
                    if (size > limits.maxEntryBytes()) {
                        throw new DocumentException(Reason.LIMIT_EXCEEDED,
                                name + ": inflates beyond " + limits.maxEntryBytes() + " bytes");
                    }
                    if (total > limits.maxTotalBytes()) {
                        throw new DocumentException(Reason.LIMIT_EXCEEDED,
                                "container inflates beyond " + limits.maxTotalBytes() + " bytes");
                    }
                    if (total > ratioCap) {
                        throw new DocumentException(Reason.LIMIT_EXCEEDED, name + ": compression ratio above "
                                + limits.maxRatio() + " (" + zip.length + " bytes inflate beyond " + ratioCap + ")");
                    }
                    part.write(buf, 0, n);
                }
                out.put(name, part.toByteArray());
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new DocumentException(Reason.MALFORMED, "not a readable ZIP container: " + e.getMessage(), e);
        }
        if (out.isEmpty()) {
            throw new DocumentException(Reason.MALFORMED, "not a readable ZIP container: no entries");
        }
        return out;
    }

    private static String checkName(String name) {
        String n = name;
        boolean bad = n.isEmpty() || n.startsWith("/") || n.contains("\\") || n.contains("\0")
                || (n.length() > 1 && n.charAt(1) == ':');
        for (String seg : n.split("/", -1)) {
            if (seg.equals("..") || seg.equals(".")) {
                bad = true;
            }
        }
        if (bad) {
            throw new DocumentException(Reason.PATH_REFUSED, "container entry name refused: " + printable(name));
        }
        return n;
    }

    private static String printable(String s) {
        return s.replaceAll("\\p{Cntrl}", "?");
    }
}
