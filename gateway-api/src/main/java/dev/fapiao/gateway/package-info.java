/**
 * Vert.x REST gateway in front of the archive node: {@link dev.fapiao.gateway.GatewayMain}
 * (serve, token), {@link dev.fapiao.gateway.Gateway} (node runtime + HTTPS server). API,
 * roles, errors and configuration: docs/gateway.md; contract: openapi.yaml.
 */
package dev.fapiao.gateway;
