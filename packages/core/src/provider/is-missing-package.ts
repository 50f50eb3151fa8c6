/**
 * Whether `error` is Node's failure to resolve `packageName` itself — not one of its
 * dependencies. Node quotes the specifier it could not find ("Cannot find package 'x' imported
 * from …"); the name also appears unquoted, in the "imported from" path, when a dependency *of*
 * the package is missing, and that broken install must surface as it is. For packages that load
 * an optional dependency on first use and want to say how to install it.
 */
export function isMissingPackage(error: unknown, packageName: string): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  return (
    (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') &&
    typeof message === 'string' &&
    message.includes(`'${packageName}'`)
  );
}
