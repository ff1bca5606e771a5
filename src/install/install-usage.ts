/** The install commands' usage, on its own: `--help` shows it without loading the installer. */
export const INSTALL_USAGE = `usage: audisp-json install [--format string|binary] [--launcher PATH] [--config-template FILE] [--root DIR] [--reload]
       audisp-json uninstall [--root DIR] [--reload]`;
