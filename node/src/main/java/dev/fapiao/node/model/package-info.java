/**
 * The archived invoice as every layer sees it: the record, its status and anchor state, search
 * pages, audit entries, the domain errors a caller can meet (conflict, refusal, unknown id,
 * back-pressure, damaged record), and the disposal rule they all apply. Values and pure rules;
 * it depends only on {@code seal} (China Standard Time is defined once there), so the archive
 * stores, the invoice service and the gateway can share it without seeing each other.
 */
package dev.fapiao.node.model;
