export { ConfirmButton, type ConfirmButtonProps } from '@levqor/app-kit/confirm-button';
