/**
 * The archived invoice as every layer sees it: the record, its status and anchor state, search
 * pages, audit entries, and the domain errors a caller can meet (conflict, refusal, unknown id,
 * back-pressure, damaged record). Values only; depends on nothing else in the node, so the
 * archive stores, the invoice service and the gateway can share it without seeing each other.
 */
package dev.fapiao.node.model;
