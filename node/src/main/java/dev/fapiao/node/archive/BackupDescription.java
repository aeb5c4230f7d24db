package dev.fapiao.node.archive;

import java.time.Instant;

/** One backup in a backup directory. */
public record BackupDescription(int backupId, Instant createdAt, long sizeBytes, int fileCount) {}
