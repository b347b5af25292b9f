#!/bin/sh
# usage (root): private-hosts.sh HOSTS_FILE COMMAND [ARG...]
# Runs COMMAND in a private mount namespace in which HOSTS_FILE is bind-mounted over /etc/hosts,
# so a hard-coded hostname (api.webfaction.com) can point at mockpanel without editing the
# machine's /etc/hosts. The bind mount disappears with the namespace.
set -e
hosts="$1"
shift
exec unshare --mount --propagation private sh -c 'mount --bind "$0" /etc/hosts && exec "$@"' "$hosts" "$@"
