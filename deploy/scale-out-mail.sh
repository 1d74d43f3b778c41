# Sourced by scale-out-check.sh. produce_mail PORT ADDRESS: through the instance (or nginx) on
# PORT, run a user-facing action of the school app that writes an outbox mail to ADDRESS.
produce_mail() {
  log "No user-facing action that sends mail exists yet"
  return 1
}
