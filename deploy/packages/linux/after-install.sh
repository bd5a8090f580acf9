#!/bin/sh
# After the package put /usr/bin/tandem-agent in place (deb postinst
# "configure", rpm %post). A first install enrolls and starts the service only
# when a collector and an enrollment token are given, from the environment or
# /etc/tandem/agent.env (TANDEM_URL=..., TANDEM_TOKEN=..., and optionally
# TANDEM_SITE=..., TANDEM_TAGS=a,b=c); an upgrade restarts the service that is
# already installed.
#
# $DPKG_ROOT (dpkg --root=DIR --force-script-chrootless): the package goes
# into another root; every path, and the install itself, is under it.
set -e

case "$1" in
  configure|1|2) ;;
  *) exit 0 ;;
esac

root=${DPKG_ROOT-}
agent="$root/usr/bin/tandem-agent"

if [ -f "$root/var/lib/tandem-agent/install.json" ]; then
  # A running systemd is this machine's, so only for a package in this root.
  if [ -z "$root" ] && command -v systemctl >/dev/null 2>&1 && [ -d /run/systemd/system ]; then
    systemctl try-restart tandem-agent.service || true
  fi
  exit 0
fi

if [ -r "$root/etc/tandem/agent.env" ]; then
  # Values in the file count only where the environment has none.
  env_url=${TANDEM_URL-}
  env_token=${TANDEM_TOKEN-}
  env_site=${TANDEM_SITE-}
  env_tags=${TANDEM_TAGS-}
  # shellcheck source=/dev/null
  . "$root/etc/tandem/agent.env"
  TANDEM_URL=${env_url:-${TANDEM_URL-}}
  TANDEM_TOKEN=${env_token:-${TANDEM_TOKEN-}}
  TANDEM_SITE=${env_site:-${TANDEM_SITE-}}
  TANDEM_TAGS=${env_tags:-${TANDEM_TAGS-}}
fi

if [ -n "${TANDEM_URL-}" ] && [ -n "${TANDEM_TOKEN-}" ]; then
  set -- --url "$TANDEM_URL"
  if [ -n "$root" ]; then set -- "$@" --root "$root"; fi
  if [ -n "${TANDEM_SITE-}" ]; then set -- "$@" --site "$TANDEM_SITE"; fi
  if [ -n "${TANDEM_TAGS-}" ]; then set -- "$@" --tags "$TANDEM_TAGS"; fi
  # The token goes by the environment, not the process list.
  TANDEM_ENROLL_TOKEN=$TANDEM_TOKEN "$agent" install "$@"
else
  echo "tandem-agent: installed but not enrolled. Enroll and start the service with:"
  echo "  tandem-agent install --url <collector> --token <enrollment token>"
  echo "(or set TANDEM_URL and TANDEM_TOKEN in /etc/tandem/agent.env before installing)"
fi
exit 0
