package dev.fapiao.node.document;

/**
 * Bounds on what a reader will inflate, parse and hold in memory, so that a hostile document is
 * refused in bounded time and memory. Every limit is checked while reading, before the bytes are
 * kept.
 *
 * @param maxDocumentBytes size of the document as submitted
 * @param maxEntries       entries in a ZIP (OFD) container
 * @param maxEntryBytes    inflated size of one container entry or one PDF attachment
 * @param maxTotalBytes    inflated size of all container entries together
 * @param maxRatio         inflated bytes per submitted byte (a ZIP bomb inflates far beyond this)
 * @param maxXmlDepth      element nesting depth of one XML part
 * @param maxXmlElements   elements in one XML part
 */
public record DocumentLimits(long maxDocumentBytes, int maxEntries, long maxEntryBytes, long maxTotalBytes,
        int maxRatio, int maxXmlDepth, int maxXmlElements) {

    public DocumentLimits {
        if (maxDocumentBytes <= 0 || maxEntries <= 0 || maxEntryBytes <= 0 || maxTotalBytes <= 0 || maxRatio <= 0
                || maxXmlDepth <= 0 || maxXmlElements <= 0) {
            throw new IllegalArgumentException("document limits must be positive");
        }
    }

    /** 64 MiB documents, 2,000 entries, 64 MiB per entry, 256 MiB in all, ratio 200, depth 100, 1M elements. */
    public static DocumentLimits defaults() {
        return new DocumentLimits(64L << 20, 2_000, 64L << 20, 256L << 20, 200, 100, 1_000_000);
    }
}
