export { AppShell, type AppShellProps } from './app-shell';
export {
  Alert,
  Badge,
  Button,
  buttonClass,
  Card,
  EmptyState,
  Field,
  Input,
  PageHeader,
  Skeleton,
} from './components';
export { type NavItem, NavLinks } from './nav-links';
