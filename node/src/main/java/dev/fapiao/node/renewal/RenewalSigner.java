package dev.fapiao.node.renewal;

/**
 * Signs renewal encoding v1 with the node's NODE seal key: base64 DER SM2 signature (GB/T 32918,
 * GM/T 0009 default user ID), as {@code anchorRenewal} verifies it. In the node:
 * {@code sealer::signProofBundle} (which signs bytes as given).
 */
@FunctionalInterface
public interface RenewalSigner {
    String sign(byte[] renewalEncoding);
}
