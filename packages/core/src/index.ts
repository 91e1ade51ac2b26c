export { DomainError, type DomainErrorCode, notFound } from './errors';
export {
  type CreateUserInput,
  createUser,
  defaultWorkspaceName,
  ZCreateUserInput,
} from './users/create-user';
export { getUserByEmail, type ListUsersInput, listUsers, ZListUsersInput } from './users/list-users';
export { type UpdateProfileInput, updateProfile, ZUpdateProfileInput } from './users/update-profile';
export { listMembers } from './workspaces/list-members';
export {
  type RenameWorkspaceInput,
  renameWorkspace,
  ZRenameWorkspaceInput,
} from './workspaces/rename-workspace';
export {
  ensureWorkspaceForUser,
  findWorkspaceForUser,
  type WorkspaceAccess,
} from './workspaces/workspace-for-user';
