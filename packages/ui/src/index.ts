export { AppShell, type AppShellProps } from './app-shell';
export { Cents } from './cents';
export {
  BarChart,
  type BarDatum,
  type ChartCategory,
  type ChartProps,
  type ChartSeries,
  LineChart,
  SERIES_COLOURS,
  StackedBarChart,
} from './charts';
export { CodeBlock } from './code-block';
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
export { ConfirmDialog, type ConfirmDialogProps } from './confirm-dialog';
export { CopyButton } from './copy-button';
export { DescriptionList, Stat, Timeline, type TimelineItem } from './data-display';
export { type ParsedDollars, parseDollars } from './dollars';
export { Select, Textarea } from './form-controls';
export { formatCents, formatDateTime, formatDuration, formatJson } from './format';
export { JsonView } from './json-view';
export { Meter, type MeterProps } from './meter';
export { Modal, type ModalProps } from './modal';
export { type NavItem, NavLinks } from './nav-links';
export { Pagination, type PaginationProps } from './pagination';
export { SkipLink } from './skip-link';
export { StatusBadge } from './status-badge';
export { TableScroll } from './table-scroll';
