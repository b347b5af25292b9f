/** The emulated panels (cPanel's account APIs share WHM's state). */
export type PanelId = 'webfaction' | 'gandi' | 'ispconfig' | 'whm' | 'cpanel';

/** Every panel id, in the order they are listed everywhere (URLs, reports). */
export const PANEL_IDS: readonly PanelId[] = ['webfaction', 'gandi', 'ispconfig', 'whm', 'cpanel'];

export function isPanelId(value: string): value is PanelId {
  return (PANEL_IDS as readonly string[]).includes(value);
}
