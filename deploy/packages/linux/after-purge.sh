#!/bin/sh
# deb postrm "purge": the device credential, spool and config go too.
set -e

if [ "$1" = purge ]; then
  rm -rf /var/lib/tandem-agent
  rm -f /etc/tandem/agent.yaml /etc/tandem/collector-ca.pem
  rmdir /etc/tandem 2>/dev/null || true
fi
exit 0
