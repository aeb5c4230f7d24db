package dev.fapiao.chaincode.model;

/** Who submitted a transaction: the creator's MSP id and certificate subject DN (RFC 2253). */
public record Actor(String mspId, String subject) {
}
