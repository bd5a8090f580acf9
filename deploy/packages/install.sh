#!/bin/sh
# Installs the Tandem agent on Linux or macOS from a collector, unattended:
#
#   curl -fsSL https://collector.example.net/downloads/install.sh | sudo sh -s -- \
#     --url https://collector.example.net --token <enrollment token>
#
# Downloads this machine's executable from <url>/downloads/, checks it against
# <url>/downloads/SHA256SUMS, puts it in /usr/local/bin and runs
# `tandem-agent install` (enroll, write the config, install and start the
# service) with the given options. TANDEM_DOWNLOADS overrides where the files
# come from (another folder or mirror of the release).
set -eu

url=""
token=""
prev=""
for arg in "$@"; do
  case "$prev" in
    --url) url=$arg ;;
    --token) token=$arg ;;
  esac
  case "$arg" in
    --url=*) url=${arg#--url=} ;;
    --token=*) token=${arg#--token=} ;;
  esac
  prev=$arg
done
if [ -z "$url" ] || [ -z "$token" ]; then
  echo "usage: install.sh --url <collector> --token <enrollment token> [other tandem-agent install options]" >&2
  exit 2
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "install.sh: run as root (sudo sh -s -- ...): the agent installs a system service" >&2
  exit 1
fi

case "$(uname -s)" in
  Linux) os=linux ;;
  Darwin) os=darwin ;;
  *) echo "install.sh: unsupported OS $(uname -s); use the MSI or install.ps1 on Windows" >&2; exit 1 ;;
esac
case "$(uname -m)" in
  x86_64|amd64) arch=x64 ;;
  aarch64|arm64) arch=arm64 ;;
  *) echo "install.sh: unsupported CPU $(uname -m)" >&2; exit 1 ;;
esac
# macOS on Apple silicon runs the x64 build under Rosetta 2.
if [ "$os" = darwin ]; then arch=x64; fi
file="tandem-agent-$os-$arch"
downloads=${TANDEM_DOWNLOADS:-${url%/}/downloads}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

fetch() {
  if command -v curl >/dev/null 2>&1; then
    curl -fsSL --retry 3 -o "$2" "$1"
  elif command -v wget >/dev/null 2>&1; then
    wget -q -O "$2" "$1"
  else
    echo "install.sh: needs curl or wget" >&2
    exit 1
  fi
}

sha256() {
  if command -v sha256sum >/dev/null 2>&1; then
    sha256sum "$1" | cut -d' ' -f1
  else
    shasum -a 256 "$1" | cut -d' ' -f1
  fi
}

echo "install.sh: downloading $file from $downloads"
fetch "$downloads/SHA256SUMS" "$tmp/SHA256SUMS"
fetch "$downloads/$file" "$tmp/$file"
expected=$(awk -v f="$file" '$2 == f || $2 == "*" f { print $1 }' "$tmp/SHA256SUMS")
actual=$(sha256 "$tmp/$file")
if [ -z "$expected" ]; then
  echo "install.sh: SHA256SUMS at $downloads lists no $file" >&2
  exit 1
fi
if [ "$expected" != "$actual" ]; then
  echo "install.sh: checksum mismatch for $file: expected $expected, got $actual; nothing was installed" >&2
  exit 1
fi

chmod 0755 "$tmp/$file"
if [ "$os" = darwin ]; then
  # The runtime's Apple signature no longer matches once the agent is embedded:
  # replace it with an ad-hoc one, as Node's single-executable guide says.
  xattr -d com.apple.quarantine "$tmp/$file" 2>/dev/null || true
  codesign --remove-signature "$tmp/$file"
  codesign --sign - "$tmp/$file"
fi
bin=${TANDEM_BIN:-/usr/local/bin/tandem-agent}
mkdir -p "$(dirname "$bin")"
mv -f "$tmp/$file" "$bin"
echo "install.sh: $bin verified (sha256 $actual)"
exec "$bin" install "$@"
