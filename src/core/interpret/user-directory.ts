/** uid / gid → name from the local passwd and group databases, cached; refreshed on SIGHUP. */
export interface UserDirectory {
  userName(uid: number): string | undefined;
  groupName(gid: number): string | undefined;
  refresh(): void;
}
