"""The case pages. Views are thin: they fetch through `organisations.access`, call one service in
`cases.services` and choose a response. Every GET that shows case content writes exactly one
access-log row per case shown (`audit.services.log_read`, route = the URL name)."""
