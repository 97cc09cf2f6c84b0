export type KeyAction = 'new-recovery-key' | 'rotate-key'
