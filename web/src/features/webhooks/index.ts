// What other features use from webhooks (its subfolders are private to it).
export { WebhookSettingsPanel } from './components/WebhookSettingsPanel';
