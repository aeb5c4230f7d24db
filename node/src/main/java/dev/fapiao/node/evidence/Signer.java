package dev.fapiao.node.evidence;

/** A signature with its key (key id = SM3 of the DER SubjectPublicKeyInfo, SM2 user ID; key as PEM). */
public record Signer(String keyId, String publicKey, String userId, String signature) {
    /** Its JSON shape: {@code userId} null for the default SM2 user ID. */
    public static final JsonShape SHAPE = JsonShape.object().required("keyId", JsonShape.STRING)
            .required("publicKey", JsonShape.STRING).nullable("userId", JsonShape.STRING)
            .required("signature", JsonShape.STRING).build();
}
