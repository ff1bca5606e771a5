/** The tag of one message: fluentd_tag, or `<prefix>.<category>` (see FluentdSinkConfig.fluentd_tag_by_category). */
export function fluentdTag(tag: string, byCategory: boolean, category: string): string {
  if (!byCategory) return tag;
  const dot = tag.lastIndexOf('.');
  const prefix = dot < 0 ? tag : tag.slice(0, dot);
  const word = category.toLowerCase().replace(/[^a-z0-9_-]/g, '_') || 'unknown';
  return `${prefix}.${word}`;
}
