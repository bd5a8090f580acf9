/** Who is making a change, as the audit log records it. */
export interface Actor {
  name: string;
  role: string;
}

export const sideOf = (role: string): 'provider' | 'internal' => (role.startsWith('provider') ? 'provider' : 'internal');
