# Channel configuration updates that add or remove an organisation, one party per step:
#   config_propose add|remove ORG --as ADMIN   fetch the config, compute the update, sign it
#   config_sign    add|remove ORG --as ADMIN   another admin adds its signature
#   config_submit  add|remove ORG --as ADMIN   submit (MAJORITY of Admins must have signed)
# The signed envelope is public and lives in shared/updates/<action>-<org>/.
# Sourced by scripts/network.sh.

update_dir() { printf '%s/updates/%s-%s' "$SHARED" "$1" "$2"; }

# Latest config block, decoded: sets CFG_JSON (the config) and CFG_BLOCK (its number).
config_fetch() { # admin-org dir
  local org=$1 dir=$2
  mkdir -p "$dir"
  # shellcheck disable=SC2046
  as_admin "$org" "$BIN/peer" channel fetch config "$dir/config_block.pb" -c "$CHANNEL" $(orderer_args) \
    >>"$(org_dir "$org")/logs/admin.log" 2>&1 || die "$org cannot fetch the channel configuration"
  "$BIN/configtxlator" proto_decode --input "$dir/config_block.pb" --type common.Block --output "$dir/config_block.json"
  jq '.data.data[0].payload.data.config' "$dir/config_block.json" >"$dir/config.json"
  CFG_BLOCK=$(jq -r '.header.number // "0"' "$dir/config_block.json")
}

application_orgs() { jq -r '.channel_group.groups.Application.groups | keys[]' "$1"; }

majority() { echo $(( $1 / 2 + 1 )); }

msp_of() { # org: from the public definition (the new org's) or from its settings
  if [[ -f "$SHARED/$1/definition.json" ]]; then
    jq -r '.values.MSP.value.config.name' "$SHARED/$1/definition.json"
  else
    (load_org "$1"; echo "$ORG_MSP")
  fi
}

config_propose() { # add|remove org admin
  local action=$1 org=$2 admin=$3 dir msp
  dir=$(update_dir "$action" "$org")
  is_member "$admin" || die "$admin is not a channel member and cannot propose"
  msp=$(msp_of "$org")
  rm -rf "$dir"
  config_fetch "$admin" "$dir"
  case $action in
    add)
      [[ -f "$SHARED/$org/definition.json" ]] || die "no MSP definition from $org (it runs: network.sh org-create $org)"
      application_orgs "$dir/config.json" | grep -qx "$msp" && die "$msp is already a member of $CHANNEL"
      jq --arg msp "$msp" --slurpfile orgdef "$SHARED/$org/definition.json" \
        '.channel_group.groups.Application.groups[$msp] = $orgdef[0]' "$dir/config.json" >"$dir/modified.json" ;;
    remove)
      application_orgs "$dir/config.json" | grep -qx "$msp" || die "$msp is not a member of $CHANNEL"
      jq --arg msp "$msp" 'del(.channel_group.groups.Application.groups[$msp])' "$dir/config.json" >"$dir/modified.json" ;;
  esac
  local t
  for t in config modified; do
    "$BIN/configtxlator" proto_encode --input "$dir/$t.json" --type common.Config --output "$dir/$t.pb"
  done
  "$BIN/configtxlator" compute_update --channel_id "$CHANNEL" --original "$dir/config.pb" \
    --updated "$dir/modified.pb" --output "$dir/update.pb" || die "configtxlator compute_update failed"
  "$BIN/configtxlator" proto_decode --input "$dir/update.pb" --type common.ConfigUpdate --output "$dir/update.json"
  check_update "$action" "$msp" "$dir"
  jq -n --arg ch "$CHANNEL" --slurpfile u "$dir/update.json" \
    '{payload: {header: {channel_header: {channel_id: $ch, type: 2}}, data: {config_update: $u[0]}}}' >"$dir/envelope.json"
  "$BIN/configtxlator" proto_encode --input "$dir/envelope.json" --type common.Envelope --output "$dir/envelope.pb"
  echo "$CFG_BLOCK" >"$dir/base-block"
  : >"$dir/signers"
  log "$admin proposes to $action $msp (config of block $CFG_BLOCK)"
  config_sign "$action" "$org" "$admin"
}

# The update must read the Application group at the version it was computed from, and
# write exactly the org being added or drop exactly the one removed. An update computed
# from a stale or hand-edited config otherwise fails only at the orderer, with a
# version or read-set error that names neither.
check_update() { # action msp dir
  local u="$3/update.json" cfg="$3/config.json" want have
  want=$(jq -r '.channel_group.groups.Application.version // "0"' "$cfg")
  have=$(jq -r '.read_set.groups.Application.version // "missing"' "$u")
  [[ "$have" == "$want" ]] || die "update reads Application at version $have, the channel is at $want; propose again"
  case $1 in
    add)
      jq -e --arg m "$2" '.write_set.groups.Application.groups[$m].values.MSP' "$u" >/dev/null \
        || die "update does not write $2's MSP (is the definition empty?)"
      jq -e --arg m "$2" '.read_set.groups.Application.groups[$m] == null' "$u" >/dev/null \
        || die "update reads $2, which is not in the channel yet" ;;
    remove)
      jq -e --arg m "$2" '.write_set.groups.Application.groups[$m] == null' "$u" >/dev/null \
        || die "update still writes $2" ;;
  esac
}

config_sign() { # action org admin
  local dir; dir=$(update_dir "$1" "$2")
  [[ -f "$dir/envelope.pb" ]] || die "no proposed update $1 $2 (an existing admin runs config-propose first)"
  is_member "$3" || die "$3 is not a channel member; its signature would not count"
  grep -qx "$3" "$dir/signers" && { log "$3 already signed $1 $2"; return 0; }
  as_admin "$3" "$BIN/peer" channel signconfigtx -f "$dir/envelope.pb" >>"$(org_dir "$3")/logs/admin.log" 2>&1 \
    || die "$3 could not sign the update"
  echo "$3" >>"$dir/signers"
  log "$3 signed the update ($1 $2)"
}

# The channel's Admins policy is MAJORITY of the application organisations' Admins; with
# fewer signatures the orderer answers "implicit policy evaluation failed - 1 sub-policies
# were satisfied, but this policy requires 2 of the 'Admins' sub-policies". Count first.
config_submit() { # action org admin
  local dir need have base now
  dir=$(update_dir "$1" "$2")
  [[ -f "$dir/envelope.pb" ]] || die "no proposed update $1 $2"
  is_member "$3" || die "$3 is not a channel member"
  grep -qx "$3" "$dir/signers" || config_sign "$1" "$2" "$3"
  need=$(majority "$(application_orgs "$dir/config.json" | wc -l)")
  have=$(sort -u "$dir/signers" | wc -l)
  (( have >= need )) || die "the update has $have admin signature(s) ($(paste -sd, "$dir/signers")); the channel's Admins policy (MAJORITY) needs $need: other members run config-sign $1 $2 --as ORG"
  config_fetch "$3" "$dir/now"
  now=$CFG_BLOCK base=$(cat "$dir/base-block")
  [[ "$now" == "$base" ]] || die "the channel configuration changed since the proposal (block $base -> $now); propose again"
  # shellcheck disable=SC2046
  as_admin "$3" "$BIN/peer" channel update -f "$dir/envelope.pb" -c "$CHANNEL" $(orderer_args) \
    >>"$(org_dir "$3")/logs/admin.log" 2>&1 || die "the orderer refused the update (see run/network/orgs/$3/logs/admin.log)"
  config_fetch "$3" "$dir/after"
  wait_orderers_config "$3" "$CFG_BLOCK"
  log "$1 $2: submitted by $3 with signatures of $(paste -sd, "$dir/signers"); config block $CFG_BLOCK"
  record_membership "$1" "$2" "$CFG_BLOCK"
}

# The update is done when every reachable orderer holds its config block: the new member's first
# transaction may reach any of them, and one that lags still judges it by the old Writers policy
# ("implicit policy evaluation failed - 0 sub-policies were satisfied ... 'Writers'"). Found by
# ReplicationIT registering the new member's node key right after the join.
wait_orderers_config() { # admin-org block
  local i host out got deadline=$(( SECONDS + 120 ))
  for i in "${!ORDERER_HOSTS[@]}"; do
    port_open "${ORDERER_HOSTS[$i]}" "$FAPIAO_ORDERER_PORT" || continue # a stopped orderer catches up when it restarts
    host="${ORDERER_HOSTS[$i]}:$FAPIAO_ORDERER_PORT"
    while :; do
      # an orderer catching up after a restart refuses to deliver ("consenter error") for up to ~80 s here
      out=$(as_admin "$1" "$BIN/peer" channel fetch config /dev/null -c "$CHANNEL" -o "$host" --tls \
              --cafile "$SHARED/orderer/tlsca.pem" 2>&1) || true
      got=$(sed -n 's/.*Received block: \([0-9]*\).*/\1/p' <<<"$out" | tail -n 1)
      (( ${got:-0} >= $2 )) && break
      printf '%s\n' "$out" >>"$(org_dir "$1")/logs/admin.log"
      if (( SECONDS >= deadline )); then # not fatal: the update itself is committed
        log "warning: orderer $host still reports config block ${got:-?}, not $2, after 120 s: $(tail -n 1 <<<"$out")"
        break
      fi
      sleep 0.5
    done
  done
}

# Membership history (public): which MSP roots were members from which config block to
# which; the trust export keeps it so old anchors stay verifiable after an org leaves.
record_membership() { # action org block
  local file="$SHARED/membership.json" msp root
  [[ -f "$file" ]] || echo '[]' >"$file"
  msp=$(msp_of "$2")
  case $1 in
    add)
      root=$(cat "$SHARED/$2"/msp/cacerts/*.pem)
      jq --arg org "$2" --arg msp "$msp" --arg root "$root" --argjson from "$3" \
        '. + [{org: $org, msp: $msp, rootCerts: [$root], fromBlock: $from, toBlock: null}]' "$file" >"$file.tmp"
      mv "$file.tmp" "$file"
      grep -qx "$2" "$SHARED/members" 2>/dev/null || echo "$2" >>"$SHARED/members" ;;
    remove)
      jq --arg msp "$msp" --argjson to "$3" \
        'map(if .msp == $msp and .toBlock == null then .toBlock = $to else . end)' "$file" >"$file.tmp"
      mv "$file.tmp" "$file"
      grep -vx "$2" "$SHARED/members" >"$SHARED/members.tmp" || true
      mv "$SHARED/members.tmp" "$SHARED/members" ;;
  esac
}
