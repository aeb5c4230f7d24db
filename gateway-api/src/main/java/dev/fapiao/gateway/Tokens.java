package dev.fapiao.gateway;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * JWT bearer tokens: HS256 with a secret (generated on first start into the data folder
 * unless configured) or ES256 with a PEM key pair. Claims: {@code sub}, {@code role}
 * (enterprise | auditor | operator), {@code codes} (enterprise: credit codes it acts for).
 */
final class Tokens {

    private final JWTAuth jwt;
    private final String algorithm;
    private final String issuer;

    private Tokens(JWTAuth jwt, String algorithm, String issuer) {
        this.jwt = jwt;
        this.algorithm = algorithm;
        this.issuer = issuer;
    }

    public static Tokens create(Vertx vertx, GatewayConfig c) {
        JWTAuthOptions options = new JWTAuthOptions()
                .setJWTOptions(new JWTOptions().setIssuer(c.jwtIssuer()).setLeeway(5));
        if (c.jwtAlgorithm().equals("HS256")) {
            options.addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(secret(c.secretPath())));
        } else {
            options.addPubSecKey(new PubSecKeyOptions().setAlgorithm("ES256").setBuffer(read(Path.of(c.jwtPublicKey()))));
            if (!c.jwtPrivateKey().isBlank()) {
                options.addPubSecKey(new PubSecKeyOptions().setAlgorithm("ES256").setBuffer(read(Path.of(c.jwtPrivateKey()))));
            }
        }
        return new Tokens(JWTAuth.create(vertx, options), c.jwtAlgorithm(), c.jwtIssuer());
    }

    /** The HS256 secret: read, or generated (256 random bits, owner-only file) when missing. */
    static String secret(Path file) {
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.toAbsolutePath().getParent());
                byte[] raw = new byte[32];
                new SecureRandom().nextBytes(raw);
                Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
                Files.writeString(tmp, Base64.getUrlEncoder().withoutPadding().encodeToString(raw) + "\n");
                try {
                    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException ignored) {
                    // not a POSIX file system
                }
                Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            }
            String s = Files.readString(file).strip();
            if (s.length() < 32) {
                throw new IllegalStateException("JWT secret in " + file + " is shorter than 32 characters");
            }
            return s;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the JWT secret " + file, e);
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + p, e);
        }
    }

    public String mint(String subject, Caller.Role role, List<String> codes, Duration ttl) {
        JsonObject claims = new JsonObject().put("role", role.claim());
        if (codes != null && !codes.isEmpty()) {
            claims.put("codes", new JsonArray(List.copyOf(codes)));
        }
        return jwt.generateToken(claims, new JWTOptions().setAlgorithm(algorithm).setSubject(subject)
                .setIssuer(issuer).setExpiresInSeconds((int) Math.min(Integer.MAX_VALUE, ttl.toSeconds())));
    }

    /** Signs arbitrary claims (tests: expired or exp-less tokens). */
    String sign(JsonObject claims) {
        return jwt.generateToken(claims, new JWTOptions().setAlgorithm(algorithm).setIssuer(issuer));
    }

    /** Verifies a token and turns its claims into a {@link Caller}; a bad token fails with 401. */
    public Future<Caller> authenticate(String token) {
        return jwt.authenticate(new TokenCredentials(token))
                .recover(e -> Future.failedFuture(ApiException.unauthorized("invalid bearer token: " + e.getMessage())))
                .map(user -> {
                    // Vert.x keeps the decoded payload under attributes.accessToken and moves exp there
                    JsonObject claims = user.attributes().getJsonObject("accessToken", user.principal()).copy();
                    if (!claims.containsKey("exp") && user.attributes().containsKey("exp")) {
                        claims.put("exp", user.attributes().getValue("exp"));
                    }
                    return caller(claims);
                });
    }

    static Caller caller(JsonObject claims) {
        String sub = claims.getString("sub");
        if (sub == null || sub.isBlank()) {
            throw ApiException.unauthorized("the token has no subject (sub)");
        }
        if (!(claims.getValue("exp") instanceof Number)) {
            throw ApiException.unauthorized("the token has no expiry (exp)");
        }
        Caller.Role role;
        try {
            role = Caller.Role.valueOf(String.valueOf(claims.getValue("role")).toUpperCase());
        } catch (IllegalArgumentException e) {
            throw ApiException.unauthorized("the token's role must be enterprise, auditor or operator");
        }
        Set<String> codes = new LinkedHashSet<>();
        Object raw = claims.getValue("codes");
        if (raw instanceof JsonArray a) {
            for (Object o : a) {
                codes.add(String.valueOf(o));
            }
        } else if (raw instanceof String s) {
            codes.add(s);
        }
        if (role == Caller.Role.ENTERPRISE && codes.isEmpty()) {
            throw ApiException.unauthorized("an enterprise token must name its credit codes (codes)");
        }
        return new Caller(sub, role, Set.copyOf(codes));
    }

}
