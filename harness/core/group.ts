/** Grouping values by key: the one multimap idiom the indexes share. */

/** Appends `value` to the list `groups` keeps under `key`, starting the list on its first value. */
export function appendTo<K, V>(groups: Map<K, V[]>, key: K, value: V): void {
  const list = groups.get(key);
  if (list) list.push(value);
  else groups.set(key, [value]);
}
