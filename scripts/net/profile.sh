# Connection details for clients (archive node, tests, benchmarks): run/network/network.json.
# A development profile for one machine: it names every member's user folders by path.
# The fields of the two-organisation layout keep their names (NetworkProfile reads them);
# "orderers", "host", "chaincodeServer" and "name" are additions.
# Sourced by scripts/network.sh.

write_network_json() {
  local orgs='{}' o orderers version
  version=${CC_VERSION:-$(jq -r '.chaincodeVersion // empty' "$RUN/network.json" 2>/dev/null || true)}
  for o in $(member_orgs); do
    load_org "$o"
    orgs=$(jq --arg msp "$ORG_MSP" --arg name "$o" --arg host "$ORG_HOST" \
      --arg peer "$ORG_HOST:$ORG_PEER_PORT" --arg cc "$ORG_HOST:$ORG_CHAINCODE_PORT" \
      --arg tls "$ORG_TLS_CA" --arg dir "$ORG_CRYPTO" --arg domain "$ORG_DOMAIN" \
      '. + {($msp): {name: $name, host: $host, peer: $peer, chaincodeServer: $cc, tlsCaCert: $tls,
          mspDir: ($dir + "/msp"),
          users: {Admin: ($dir + "/users/Admin@" + $domain + "/msp"),
                  User1: ($dir + "/users/User1@" + $domain + "/msp"),
                  User2: ($dir + "/users/User2@" + $domain + "/msp")}}}' <<<"$orgs")
  done
  orderers=$(printf "%s:$FAPIAO_ORDERER_PORT\n" "${ORDERER_HOSTS[@]}" | jq -R . | jq -s .)
  jq -n --arg channel "$CHANNEL" --arg chaincode "$CC_NAME" --arg version "$version" \
    --arg tlsca "$SHARED/orderer/tlsca.pem" --argjson orderers "$orderers" --argjson orgs "$orgs" \
    '{channel: $channel, chaincode: $chaincode, chaincodeVersion: $version,
      orderer: {address: $orderers[0], tlsCaCert: $tlsca}, orderers: $orderers,
      organizations: $orgs}' >"$RUN/network.json.tmp"
  mv "$RUN/network.json.tmp" "$RUN/network.json"
}
