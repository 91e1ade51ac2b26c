export { AppShell, type AppShellProps } from './app-shell';
export { BarChart, type BarChartProps, type BarDatum } from './bar-chart';
export { Cents } from './cents';
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
export { Select, Textarea } from './form-controls';
export { formatCents, formatDateTime, formatDuration, formatJson } from './format';
export { JsonView } from './json-view';
export { Meter, type MeterProps } from './meter';
export { Modal, type ModalProps } from './modal';
export { type NavItem, NavLinks } from './nav-links';
export { Pagination, type PaginationProps } from './pagination';
export {
  type ChartSeries,
  SERIES_COLOURS,
  StackedBarChart,
  type StackedBarChartProps,
  seriesClass,
} from './stacked-bar-chart';
export { StatusBadge } from './status-badge';
