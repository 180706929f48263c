# Sourced by the harnesses that listen (test/kdc/realm.sh, test/stack/stack.sh).
# A listening port inside the kernel's ephemeral range can be held at any moment by
# the local end of an outgoing connection (a browser's, a server's), and the listener
# then fails with "Address already in use"; so every port of ours lies outside it.
# shellcheck shell=bash

# outside_ephemeral FIRST LAST: fails (exit 1) when FIRST..LAST meets the range.
outside_ephemeral() {
  local first=$1 last=$2 lo hi
  read -r lo hi </proc/sys/net/ipv4/ip_local_port_range || return 0
  if [ "$last" -ge "$lo" ] && [ "$first" -le "$hi" ]; then
    echo "ports $first..$last lie in the ephemeral range $lo..$hi (net.ipv4.ip_local_port_range), where outgoing connections may hold them: choose ports outside it" >&2
    exit 1
  fi
}
