# Container mode of an organisation (ORG_RUNTIME=container in its org.env): its peer and its
# chaincode server run from the local images of scripts/images.sh on the docker daemon of
# scripts/dockerd.sh, with --network host on the organisation's own loopback address and its
# folder mounted at the same path, so every path and address in the settings stays valid.
# The PID file holds the attached "docker run" client: stop_process stops it (the client
# passes the signal on, --rm removes the container), container_remove makes sure.
# Sourced by scripts/network.sh.

container_name() { printf 'fapiao-%s-%s-%s' "${FAPIAO_NET_PREFIX//./-}" "$1" "$2"; } # org process

org_in_containers() { # org -> 0 when its processes run as containers
  ( load_org "$1"; [[ ${ORG_RUNTIME:-native} == container ]] )
}

# Marks an organisation as run in containers (before its first start): org.env is its configuration.
set_org_runtime() { # org native|container
  local f; f="$(org_dir "$1")/org.env"
  sed -i '/^ORG_RUNTIME=/d' "$f"
  echo "ORG_RUNTIME=$2" >>"$f"
}

# The daemon answers and the image is current: scripts/images.sh rebuilds it when its inputs
# (binaries, jar) changed since, which is quick when the base image exists.
container_ready() { # image-name [label value]
  eval "$("$ROOT/scripts/dockerd.sh" env)"
  docker info >/dev/null 2>&1 || die "container mode needs the docker daemon: scripts/dockerd.sh start"
  "$ROOT/scripts/images.sh" "$1" >>"$RUN/logs/images.log" 2>&1 || die "scripts/images.sh $1 failed (see ${RUN#$ROOT/}/logs/images.log)"
  if [[ -n "${2:-}" ]]; then
    local have; have=$(docker image inspect -f "{{index .Config.Labels \"$2\"}}" "fapiao/$1:local")
    [[ "$have" == "$3" ]] || die "image fapiao/$1:local has $2=$have, this checkout $3"
  fi
}

# Sets CONTAINER_CMD to "docker run" of IMAGE for process NAME of ORG, passing on every
# exported variable whose name starts with one of the PREFIXES.
container_command() { # org name image prefixes...
  local org=$1 name=$2 image=$3 v p; shift 3
  # a leftover of a killed client goes; a running one stays (start_process then does nothing)
  pid_alive "$org" "$name" || container_remove "$org" "$name"
  # setsid: the docker client would pass a terminal's SIGHUP on to the container (it handles
  # every signal, so nohup does not shield it); in its own session only stop_process signals it
  CONTAINER_CMD=(setsid docker run --rm --init --name "$(container_name "$org" "$name")" --network host
    --label fapiao.org="$org" -v "$(org_dir "$org"):$(org_dir "$org")")
  for v in $(compgen -e); do
    for p in "$@"; do [[ $v == "$p"* ]] && CONTAINER_CMD+=(-e "$v"); done
  done
  CONTAINER_CMD+=("$image")
}

container_remove() { # org name
  [[ -n "${DOCKER_HOST:-}" ]] || eval "$("$ROOT/scripts/dockerd.sh" env)"
  docker rm -f "$(container_name "$1" "$2")" >/dev/null 2>&1 || true
}
