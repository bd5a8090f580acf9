#!/bin/sh
# Before the package removes /usr/bin/tandem-agent (deb prerm "remove", rpm
# %preun on erase): stop and remove the service while the executable is still
# there. The data folder stays until a purge. $DPKG_ROOT: as in after-install.sh.
set -e

case "$1" in
  remove|0) ;;
  *) exit 0 ;;
esac

root=${DPKG_ROOT-}
if [ -f "$root/var/lib/tandem-agent/install.json" ]; then
  if [ -n "$root" ]; then set -- --root "$root"; else set --; fi
  "$root/usr/bin/tandem-agent" uninstall "$@" || echo "tandem-agent: could not remove the service; remove it by hand" >&2
fi
exit 0
