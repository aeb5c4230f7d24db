# The verifier's trust file run/network/trust.json (format: node/.../proof/TrustAnchors).
# Version 1 fields keep their meaning for current members; "endorsement" states the
# policy and "history" lists every MSP root ever a member with its block range, so
# proofs of anchors made by an organisation that has since left stay checkable.
# Every membership change also leaves a copy: run/network/trust-history/block-<N>.json.
# Sourced by scripts/network.sh.

write_trust_json() {
  local members=() o msps='{}' root quorum required
  mapfile -t members < <(member_orgs)
  root=$(cat "$SHARED"/orderer/msp/cacerts/*.pem)
  msps=$(jq -n --arg r "$root" '{OrdererMSP: {rootCerts: [$r]}}')
  local mspids=()
  for o in "${members[@]}"; do
    local id; id=$(msp_of "$o")
    mspids+=("$id")
    msps=$(jq --arg m "$id" --arg r "$(cat "$SHARED/$o"/msp/cacerts/*.pem)" '. + {($m): {rootCerts: [$r]}}' <<<"$msps")
  done
  quorum=$(majority "${#mspids[@]}")
  # an organisation is required on every transaction only when MAJORITY means all of them
  if (( quorum == ${#mspids[@]} )); then required=$(printf '%s\n' "${mspids[@]}" | jq -R . | jq -s .); else required='[]'; fi
  local block; block=$(jq -r '[.[] | .fromBlock, (.toBlock // 0)] | max' "$SHARED/membership.json")
  mkdir -p "$RUN/trust-history"
  jq -n --arg channel "$CHANNEL" --argjson msps "$msps" --argjson required "$required" \
    --argjson members "$(printf '%s\n' "${mspids[@]}" | jq -R . | jq -s .)" --argjson quorum "$quorum" \
    --argjson block "$block" --slurpfile history "$SHARED/membership.json" \
    '{version: 1, channel: $channel, ordererMsps: ["OrdererMSP"], requiredEndorsers: $required, msps: $msps,
      endorsement: {rule: "MAJORITY Endorsement", members: $members, quorum: $quorum},
      configBlock: $block, history: $history[0]}' >"$RUN/trust.json"
  cp "$RUN/trust.json" "$RUN/trust-history/block-$block.json"
  log "trust anchors: ${RUN#$ROOT/}/trust.json (members ${mspids[*]}, MAJORITY = $quorum of ${#mspids[@]})"
}
