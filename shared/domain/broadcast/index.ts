/** Guided response: playbooks and the silence timer, tone check, templates, channel previews, delivery checklist. */
export * from './playbook';
export * from './tone-check';
export * from './templates';
export * from './channel-preview';
export * from './checklist';
