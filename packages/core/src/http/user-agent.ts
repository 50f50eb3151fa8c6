/** `User-Agent` naming the package and version that sends a request, so providers can trace clients. */
export function userAgent(packageName: string, version: string): string {
  return `${packageName}/${version} node/${process.versions.node}`;
}
