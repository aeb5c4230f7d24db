/**
 * Vert.x REST gateway in front of the archive node. Not built yet: see the gateway issue.
 */
package dev.fapiao.gateway;
