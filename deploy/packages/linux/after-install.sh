#!/bin/sh
# After the package put /usr/bin/tandem-agent in place (deb postinst
# "configure", rpm %post). A first install enrolls and starts the service only
# when a collector and an enrollment token are given, from the environment or
# /etc/tandem/agent.env (TANDEM_URL=..., TANDEM_TOKEN=...); an upgrade restarts
# the service that is already installed.
set -e

case "$1" in
  configure|1|2) ;;
  *) exit 0 ;;
esac

record=/var/lib/tandem-agent/install.json
if [ -f "$record" ]; then
  if command -v systemctl >/dev/null 2>&1 && [ -d /run/systemd/system ]; then
    systemctl try-restart tandem-agent.service || true
  fi
  exit 0
fi

if [ -r /etc/tandem/agent.env ]; then
  # Values in the file count only where the environment has none.
  env_url=${TANDEM_URL-}
  env_token=${TANDEM_TOKEN-}
  # shellcheck source=/dev/null
  . /etc/tandem/agent.env
  TANDEM_URL=${env_url:-${TANDEM_URL-}}
  TANDEM_TOKEN=${env_token:-${TANDEM_TOKEN-}}
fi

if [ -n "${TANDEM_URL-}" ] && [ -n "${TANDEM_TOKEN-}" ]; then
  tandem-agent install --url "$TANDEM_URL" --token "$TANDEM_TOKEN"
else
  echo "tandem-agent: installed but not enrolled. Enroll and start the service with:"
  echo "  tandem-agent install --url <collector> --token <enrollment token>"
  echo "(or set TANDEM_URL and TANDEM_TOKEN in /etc/tandem/agent.env before installing)"
fi
exit 0
