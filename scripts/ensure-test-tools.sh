#!/usr/bin/env bash
# Installs the tools the tests use when they are missing: kubectl, for the kustomize render tests.
# Debian's kubernetes-client package provides `kubectl kustomize`. Never fails: without the tool,
# the tests that need it are skipped and say why.
set -u

if command -v kubectl >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" != "0" ]; then
  echo "ensure-test-tools: kubectl is missing and this is not root; kustomize render tests will be skipped" >&2
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "ensure-test-tools: kubectl is missing and apt-get is not available; kustomize render tests will be skipped" >&2
  exit 0
fi
echo "ensure-test-tools: installing kubernetes-client (kubectl) with apt-get" >&2
if ! apt-get update -qq >/dev/null; then
  echo "ensure-test-tools: apt-get update failed; kustomize render tests will be skipped" >&2
  exit 0
fi
if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends kubernetes-client >/dev/null; then
  echo "ensure-test-tools: installing kubernetes-client failed; kustomize render tests will be skipped" >&2
fi
exit 0
