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
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * JWT bearer tokens: HS256 with a secret (generated on first start into the data folder
 * unless configured) or ES256 with a PEM key pair. Claims: {@code sub}, {@code role}
 * (exactly enterprise | auditor | operator), {@code codes} (an array; enterprise: the credit codes
 * it acts for), {@code exp} (a number, at most {@code jwtMaxLifetimeSeconds} after {@code iat} and
 * after now), {@code jti} (optional, recorded). A header with {@code crit} is refused: the gateway
 * understands no extension (RFC 7515 section 4.1.11).
 */
final class Tokens {

    private final JWTAuth jwt;
    private final String algorithm;
    private final String issuer;
    private final long maxLifetimeSeconds;
    private final Clock clock;

    private Tokens(JWTAuth jwt, String algorithm, String issuer, long maxLifetimeSeconds, Clock clock) {
        this.jwt = jwt;
        this.algorithm = algorithm;
        this.issuer = issuer;
        this.maxLifetimeSeconds = maxLifetimeSeconds;
        this.clock = clock;
    }

    public static Tokens create(Vertx vertx, GatewayConfig c) {
        return create(vertx, c, Clock.systemUTC());
    }

    public static Tokens create(Vertx vertx, GatewayConfig c, Clock clock) {
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
        return new Tokens(JWTAuth.create(vertx, options), c.jwtAlgorithm(), c.jwtIssuer(), c.jwtMaxLifetimeSeconds(),
                clock);
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
        if (ttl.toSeconds() > maxLifetimeSeconds) {
            throw new IllegalArgumentException("a token lives at most " + maxLifetimeSeconds
                    + " s (gateway.jwtMaxLifetimeSeconds), not " + ttl.toSeconds() + " s");
        }
        JsonObject claims = new JsonObject().put("role", role.claim()).put("jti", UUID.randomUUID().toString());
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

    /** Verifies a token and turns its claims into a {@link Caller}; a bad token fails with 401, never more. */
    public Future<Caller> authenticate(String token) {
        try {
            refuseCriticalHeader(token);
            return jwt.authenticate(new TokenCredentials(token))
                    .recover(e -> Future.failedFuture(ApiException.unauthorized("invalid bearer token: " + e.getMessage())))
                    .map(user -> {
                        // Vert.x keeps the decoded payload under attributes.accessToken and moves exp there
                        JsonObject claims = user.attributes().getJsonObject("accessToken", user.principal()).copy();
                        if (!claims.containsKey("exp") && user.attributes().containsKey("exp")) {
                            claims.put("exp", user.attributes().getValue("exp"));
                        }
                        return caller(claims, clock.instant().getEpochSecond(), maxLifetimeSeconds);
                    });
        } catch (ApiException e) {
            return Future.failedFuture(e);
        } catch (RuntimeException e) {
            // a claim of the wrong type (exp as a string) makes the JWT library throw instead of failing
            return Future.failedFuture(ApiException.unauthorized("invalid bearer token: malformed claims"));
        }
    }

    /** RFC 7515 4.1.11: a recipient that does not understand a critical extension must refuse the token. */
    private static void refuseCriticalHeader(String token) {
        int dot = token.indexOf('.');
        if (dot <= 0) {
            return; // not a JWS; the library refuses it
        }
        JsonObject header;
        try {
            header = new JsonObject(new String(Base64.getUrlDecoder().decode(token.substring(0, dot)), StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            throw ApiException.unauthorized("invalid bearer token: unreadable header");
        }
        if (header.containsKey("crit")) {
            throw ApiException.unauthorized("invalid bearer token: critical header extensions are not supported");
        }
    }

    /** The claims' caller, with no lifetime rule (tests of the claim rules). */
    static Caller caller(JsonObject claims) {
        return caller(claims, Long.MIN_VALUE, Long.MAX_VALUE);
    }

    static Caller caller(JsonObject claims, long nowSeconds, long maxLifetimeSeconds) {
        if (!(claims.getValue("sub") instanceof String sub) || sub.isBlank()) {
            throw ApiException.unauthorized("the token has no subject (sub)");
        }
        if (!(claims.getValue("exp") instanceof Number exp)) {
            throw ApiException.unauthorized("the token has no numeric expiry (exp)");
        }
        Object iat = claims.getValue("iat");
        if (iat != null && !(iat instanceof Number)) {
            throw ApiException.unauthorized("the token's iat must be a number");
        }
        if (iat instanceof Number n && exp.longValue() - n.longValue() > maxLifetimeSeconds) {
            throw ApiException.unauthorized("the token lives longer than " + maxLifetimeSeconds + " s (exp - iat)");
        }
        if (nowSeconds != Long.MIN_VALUE && exp.longValue() - nowSeconds > maxLifetimeSeconds) {
            throw ApiException.unauthorized("the token expires more than " + maxLifetimeSeconds + " s from now");
        }
        Caller.Role role = Caller.Role.ofClaim(claims.getValue("role"));
        if (role == null) {
            throw ApiException.unauthorized("the token's role must be exactly enterprise, auditor or operator");
        }
        Set<String> codes = new LinkedHashSet<>();
        Object raw = claims.getValue("codes");
        if (raw instanceof JsonArray a) {
            for (Object o : a) {
                if (!(o instanceof String code)) {
                    throw ApiException.unauthorized("the token's codes must be an array of strings");
                }
                codes.add(code);
            }
        } else if (raw != null) {
            throw ApiException.unauthorized("the token's codes must be an array of credit codes");
        }
        if (role == Caller.Role.ENTERPRISE && codes.isEmpty()) {
            throw ApiException.unauthorized("an enterprise token must name its credit codes (codes)");
        }
        Object jti = claims.getValue("jti");
        if (jti != null && !(jti instanceof String)) {
            throw ApiException.unauthorized("the token's jti must be a string");
        }
        return new Caller(sub, role, Set.copyOf(codes), (String) jti);
    }

}
