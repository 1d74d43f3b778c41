#!/usr/bin/env bash
# Lints and renders the deployment files; no container engine or cluster needed.
#   - compose.yaml: dclint (npm, pinned in deploy/package.json) and yamllint (Debian)
#   - Kubernetes: kubectl kustomize renders base and the production overlay; yamllint on the
#     sources and the output; the rendered objects are checked for what the design requires
#     (probes, resources, non-root, HPAs, PDBs, migrate Job, wildcard Ingress with TLS)
#   - nginx: the proxy template renders and passes `nginx -t`
#   - Dockerfile: the paths it copies and the assemblies it starts exist in the repository
set -euo pipefail
source "$(dirname "$0")/../scripts/lib.sh"
DEPLOY="$ROOT/deploy"
cd "$DEPLOY"

ensure_packages yamllint=yamllint nginx=nginx envsubst=gettext-base jq=jq npm=npm
WORK=$(mktemp -d /tmp/schoolplein-deploy-check.XXXXXX)
trap 'rm -rf "$WORK"' EXIT

checks=0
ok() { checks=$((checks + 1)); printf '\033[1;32mok\033[0m   %s\n' "$*" >&2; }

# --- compose -------------------------------------------------------------------------------
if [ ! -x node_modules/.bin/dclint ]; then
  log "Installing dclint (npm ci in deploy/)"
  npm ci --no-audit --no-fund --silent >/dev/null
fi
node_modules/.bin/dclint compose.yaml >"$WORK/dclint.txt" 2>&1 || { cat "$WORK/dclint.txt" >&2; die "dclint: compose.yaml has errors"; }
grep -q 'warning' "$WORK/dclint.txt" && { cat "$WORK/dclint.txt" >&2; die "dclint: compose.yaml has warnings"; }
ok "dclint: compose.yaml"
yamllint -s -c .yamllint compose.yaml k8s
ok "yamllint: compose.yaml and the Kubernetes sources"

# --- Kubernetes ------------------------------------------------------------------------------
if command -v kubectl >/dev/null 2>&1; then
  render=(kubectl kustomize)
elif command -v kustomize >/dev/null 2>&1; then
  render=(kustomize build)
else
  # Debian has neither; the .NET machine image ships kubectl. Say so rather than skip silently.
  die "neither kubectl nor kustomize is installed: cannot render deploy/k8s"
fi
RENDERED='{extends: default, rules: {line-length: {max: 200}, document-start: disable, indentation: {indent-sequences: whatever}}}'
for target in base overlays/production; do
  out="$WORK/$(basename "$target").yaml"
  "${render[@]}" "k8s/$target" >"$out"
  yamllint -s -d "$RENDERED" "$out"
  # PyYAML comes with Debian's yamllint; the system interpreter has it whatever python3 is on PATH.
  /usr/bin/python3 -c 'import json, sys, yaml; json.dump([d for d in yaml.safe_load_all(sys.stdin) if d], sys.stdout)' <"$out" >"$out.json"
  jq -e -f /dev/stdin "$out.json" >/dev/null <<'JQ' || die "k8s/$target: the rendered objects miss something the design requires (see the jq rules in deploy/check.sh)"
def kind($k): map(select(.kind == $k));
def named($k; $n): kind($k) | map(select(.metadata.name == $n)) | length == 1;
def containers: .spec.template.spec.containers[];
. as $doc |
# Deployments for web, worker and backoffice with probes on the health endpoints, resources, non-root.
(["tenant-web", "worker", "backoffice"] | all(. as $n | $doc | named("Deployment"; $n)))
and (kind("Deployment") | all(
      .spec.template.spec.securityContext.runAsNonRoot == true
      and .spec.template.spec.serviceAccountName == "schoolplein"
      and ([containers] | all(
            .readinessProbe.httpGet.path == "/health/ready"
            and .livenessProbe.httpGet.path == "/health/live"
            and .resources.requests.cpu and .resources.requests.memory
            and .resources.limits.cpu and .resources.limits.memory
            and .securityContext.allowPrivilegeEscalation == false
            and .securityContext.readOnlyRootFilesystem == true))))
# Web never runs jobs; the worker is started with "worker".
and (kind("Deployment") | map(select(.metadata.name == "tenant-web")) | .[0] | [containers.env[] | select(.name == "Jobs__RunServer")][0].value == "false")
and (kind("Deployment") | map(select(.metadata.name == "tenant-web")) | .[0].spec.replicas >= 2)
# HPAs for web and worker, PDBs for all three, the migration Job as the owner role.
and named("HorizontalPodAutoscaler"; "tenant-web") and named("HorizontalPodAutoscaler"; "worker")
and (kind("HorizontalPodAutoscaler") | all(.spec.minReplicas >= 1 and .spec.maxReplicas > .spec.minReplicas))
and named("PodDisruptionBudget"; "tenant-web") and named("PodDisruptionBudget"; "worker") and named("PodDisruptionBudget"; "backoffice")
and (kind("Job") | map(select(.metadata.name == "schoolplein-migrate")) | .[0] | [containers] | .[0]
      | .args == ["migrate"] and ([.env[] | select(.name == "ConnectionStrings__SchoolpleinOwner")] | length == 1))
# Ingress: wildcard school host and the backoffice host, TLS from one wildcard certificate.
and (kind("Ingress") | .[0] | ([.spec.rules[].host] | any(startswith("*.")) and any(startswith("backoffice.")))
      and ([.spec.tls[].hosts[]] | any(startswith("*."))))
and (kind("ConfigMap") | length >= 1) and (kind("Service") | length >= 2)
and (map(.metadata.namespace // "schoolplein") | all(. == "schoolplein"))
JQ
  ok "kubectl kustomize k8s/$target: $(jq 'length' "$out.json") objects rendered, lint clean, required objects and settings present"
done
# The overlay really substitutes the domain, images and the worker's queue metric.
jq -e '[.[] | select(.kind == "Ingress")][0].spec.rules | map(.host) | index("*.schoolplein.nl") != null' "$WORK/production.yaml.json" >/dev/null \
  || die "overlay: Ingress host not replaced"
jq -e '[.[] | select(.kind == "Deployment") | .spec.template.spec.containers[].image] | all(startswith("registry.example/"))' "$WORK/production.yaml.json" >/dev/null \
  || die "overlay: images not replaced"
jq -e '[.[] | select(.kind == "HorizontalPodAutoscaler" and .metadata.name == "worker")][0].spec.metrics | any(.external.metric.name == "schoolplein_jobs_enqueued")' "$WORK/production.yaml.json" >/dev/null \
  || die "overlay: worker HPA lacks the queue-length metric"
ok "overlay: domain, images and queue-length autoscaling applied"

# --- nginx ----------------------------------------------------------------------------------
mkdir -p "$WORK/nginx/tmp"
{
  echo "pid $WORK/nginx/nginx.pid; error_log $WORK/nginx/error.log; events {}"
  echo "http { client_body_temp_path $WORK/nginx/tmp; proxy_temp_path $WORK/nginx/tmp; fastcgi_temp_path $WORK/nginx/tmp; uwsgi_temp_path $WORK/nginx/tmp; scgi_temp_path $WORK/nginx/tmp;"
  SCHOOLPLEIN_WEB_UPSTREAMS="server 127.0.0.1:18081; server 127.0.0.1:18082;" SCHOOLPLEIN_PROXY_LISTEN=127.0.0.1:18080 \
  SCHOOLPLEIN_BASE_DOMAIN=schoolplein.example SCHOOLPLEIN_ACCESS_LOG=/dev/null SCHOOLPLEIN_BACKOFFICE_UPSTREAM=127.0.0.1:18083 \
    envsubst '${SCHOOLPLEIN_WEB_UPSTREAMS} ${SCHOOLPLEIN_PROXY_LISTEN} ${SCHOOLPLEIN_BASE_DOMAIN} ${SCHOOLPLEIN_ACCESS_LOG} ${SCHOOLPLEIN_BACKOFFICE_UPSTREAM}' \
    < <(cat nginx/schoolplein.conf.template nginx/backoffice.conf.template)
  echo "}"
} >"$WORK/nginx/nginx.conf"
nginx -t -q -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" 2>"$WORK/nginx/test.txt" || { cat "$WORK/nginx/test.txt" >&2; die "nginx -t failed on the rendered proxy templates"; }
ok "nginx -t: proxy templates (schools wildcard + backoffice host)"

# --- Dockerfile -----------------------------------------------------------------------------
while read -r src; do
  for path in $src; do
    compgen -G "$ROOT/$path" >/dev/null || die "Dockerfile copies $path, which does not exist"
  done
done < <(grep -E '^COPY [^-]' Dockerfile | sed -E 's/^COPY +//; s/ +[^ ]+$//')
for dll in $(grep -oE 'Schoolplein\.[A-Za-z.]+\.dll' Dockerfile | sort -u); do
  project=$(grep -l "<AssemblyName>${dll%.dll}</AssemblyName>" "$ROOT"/src/*/*.csproj || true)
  [ -n "$project" ] || die "Dockerfile starts $dll, which no project in src/ builds"
done
for target in tenant-web worker backoffice; do
  grep -qE "^FROM .* AS $target\$" Dockerfile || die "Dockerfile has no target $target"
done
grep -q '^USER \$APP_UID' Dockerfile || die "Dockerfile does not switch to the non-root user"
grep -q '^HEALTHCHECK' Dockerfile || die "Dockerfile has no HEALTHCHECK"
ok "Dockerfile: copied paths and started assemblies exist; targets tenant-web, worker, backoffice; non-root; health check"

log "Deploy checks: $checks passed"
