//! A request bound to a client, sent when awaited: what a generated group
//! method returns for an operation that is not a list
//! (`client.issues().add_labels("o", "r", 1)`), as [`List`](crate::List)
//! is for lists.
//!
//! Optional inputs are set on the way with [`Call::configure`], and the
//! credential check happens where the call is awaited: a [`Call`] is a
//! future only when its operation is [`CallableWith`] the client's
//! credential, so a wrong one is a compile error there.

use std::fmt;

use futures::future::BoxFuture;

use crate::auth::ClientCredential;
use crate::client::{ApiResponse, Client};
use crate::error::Result;
use crate::operation::{CallableWith, Operation};

/// An operation and the client that will send it: awaiting it sends the
/// request and decodes the documented success response
/// ([`Client::send`]).
///
/// ```no_run
/// # async fn demo(app: github_apps_runtime::AppClient) -> github_apps_runtime::Result<()> {
/// use github_apps_runtime::{Call, RawRequest};
///
/// let installation = Call::new(&app, RawRequest::<serde_json::Value>::get("/app/installations/{id}"));
/// let installation = installation.configure(|request| request.param("id", 42)).await?;
/// println!("{}", installation["account"]["login"]);
/// # Ok(()) }
/// ```
#[must_use = "a call does nothing until it is awaited"]
pub struct Call<'a, K, O> {
    client: &'a Client<K>,
    operation: O,
}

impl<K> Client<K> {
    /// `operation`, bound to this client: awaiting the [`Call`] sends it.
    /// Generated group methods return one for every operation that is not
    /// a list.
    pub fn call<O>(&self, operation: O) -> Call<'_, K, O> {
        Call::new(self, operation)
    }
}

impl<K, O: Operation> fmt::Debug for Call<'_, K, O> {
    /// The operation's ID only: inputs may hold secrets.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Call").field("operation", &O::ID).finish_non_exhaustive()
    }
}

impl<'a, K, O> Call<'a, K, O> {
    /// `operation`, to be sent through `client`.
    pub fn new(client: &'a Client<K>, operation: O) -> Call<'a, K, O> {
        Call { client, operation }
    }

    /// Changes the request before it is sent, e.g. to set optional inputs:
    /// `.configure(|request| request.per_page(100))`.
    pub fn configure(self, change: impl FnOnce(O) -> O) -> Call<'a, K, O> {
        Call { client: self.client, operation: change(self.operation) }
    }

    /// The request as it will be sent.
    pub fn request(&self) -> &O {
        &self.operation
    }
}

impl<'a, K, O> Call<'a, K, O>
where
    K: ClientCredential,
    O: Operation + CallableWith<K>,
{
    /// Sends the request, keeping the status, headers and rate limit
    /// ([`Client::send_with_response`]).
    pub async fn with_response(self) -> Result<ApiResponse<O::Response>> {
        self.client.send_with_response(self.operation).await
    }
}

impl<'a, K, O> std::future::IntoFuture for Call<'a, K, O>
where
    K: ClientCredential,
    O: Operation + CallableWith<K>,
{
    type Output = Result<O::Response>;
    type IntoFuture = BoxFuture<'a, Result<O::Response>>;

    /// Sends the request ([`Client::send`]).
    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.client.send(self.operation))
    }
}
