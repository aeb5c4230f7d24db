package dev.fapiao.node.crypto;

import java.security.Provider;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * The one place a JCA provider is created. SM2/SM3 are only needed through JCA for
 * certificates and PBES2 key encryption; everything else uses BC's lightweight API.
 * The provider is deliberately not registered with {@link java.security.Security}:
 * callers create one instance (it is expensive, ~100 ms) and pass it around.
 */
public final class CryptoProviders {
    private CryptoProviders() {
    }

    public static Provider newBouncyCastle() {
        return new BouncyCastleProvider();
    }
}
